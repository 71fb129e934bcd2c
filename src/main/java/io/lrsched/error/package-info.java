/**
 * The one type of failure a user can cause and fix, {@link io.lrsched.error.UserError}, with its exit code. The
 * bottom layer: every other package may throw its subclasses, and the command line maps this one type.
 */
package io.lrsched.error;
