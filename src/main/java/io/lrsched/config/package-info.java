/**
 * Experiment settings: the only package that reads HOCON. {@link io.lrsched.config.SettingsLoader} merges
 * {@code --set} overrides, the experiment file and {@code reference.conf}, validates the whole result eagerly and
 * returns immutable records that are safe to ship to executors.
 */
package io.lrsched.config;
