/**
 * The command line: picocli subcommands that parse arguments, load settings, call one use case and return an exit
 * code (0 success, 1 a failure while running, 2 a configuration error).
 */
package io.lrsched.cli;
