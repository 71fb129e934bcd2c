/**
 * Native (libnd4j / oneDNN) configuration of ND4J and DL4J for this JVM: {@link io.lrsched.nativeops.NativeSetup}.
 */
package io.lrsched.nativeops;
