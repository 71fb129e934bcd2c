package io.lrsched.config;

import java.io.Serializable;

/**
 * Where results go, and what of the network a run keeps.
 *
 * @param dir parent of the run folders, any Hadoop FileSystem URI
 * @param lrPlot file name of the learning-rate plot
 * @param trainPlot file name of the training plot
 * @param checkpointEvery epochs between two checkpoints, {@code >= 1}
 * @param keepCheckpoints checkpoints kept in the run folder, {@code >= 1}
 * @param keepBest whether {@code model-best.zip} keeps the network of the best validation accuracy
 */
public record OutputSettings(
    String dir, String lrPlot, String trainPlot, int checkpointEvery, int keepCheckpoints, boolean keepBest)
    implements Serializable {}
