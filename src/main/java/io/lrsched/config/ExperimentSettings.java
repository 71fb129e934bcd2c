package io.lrsched.config;

import java.io.Serializable;

/**
 * One experiment, fully resolved and validated.
 *
 * @param name run folder prefix
 * @param seed seed for initialisation, shuffling and subsets
 * @param data data settings
 * @param model model settings
 * @param training optimisation settings
 * @param schedule learning-rate schedule settings
 * @param output output settings
 * @param lrFinder the learning-rate range test's settings
 * @param source where the settings came from (the experiment file, or "reference.conf")
 * @param rendered the resolved configuration as HOCON, for the run folder's provenance
 */
public record ExperimentSettings(
    String name,
    long seed,
    DataSettings data,
    ModelSettings model,
    TrainingSettings training,
    ScheduleSettings schedule,
    OutputSettings output,
    LrFinderSettings lrFinder,
    String source,
    String rendered)
    implements Serializable {}
