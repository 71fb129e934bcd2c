package io.lrsched.config;

import java.io.Serializable;

/**
 * Where results go.
 *
 * @param dir parent of the run folders, any Hadoop FileSystem URI
 * @param lrPlot file name of the learning-rate plot
 * @param trainPlot file name of the training plot
 */
public record OutputSettings(String dir, String lrPlot, String trainPlot) implements Serializable {}
