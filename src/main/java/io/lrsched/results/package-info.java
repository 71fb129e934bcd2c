/**
 * Reading runs back: the run index ({@code run.json} in every run folder), the settings that differ from the
 * reference or between runs, and the run folders under any Hadoop FileSystem path, for the {@code runs} and {@code
 * compare} commands and the HTML reports.
 */
package io.lrsched.results;
