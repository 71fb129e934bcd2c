/**
 * Compatibility shim for DL4J 1.0.0-M2 (see {@link org.nd4j.nativeblas.Nd4jCpu}); not part of the application's API.
 */
package org.nd4j.nativeblas;
