package io.lrsched.config;

import java.time.Duration;

/**
 * Where {@code lrsched data download} fetches one data set from and how it checks it (the {@code download} section of
 * the configuration, checked by {@link DownloadLoader}).
 *
 * @param dataSet the data set's name, e.g. {@code cifar10}
 * @param url the archive's {@code http:} or {@code https:} address
 * @param md5 the archive's published MD5, 32 lower-case hex digits
 * @param file the archive's file name in the destination folder
 * @param connectTimeout how long a connection attempt may take
 * @param readTimeout how long the download may wait for the next byte
 */
public record DownloadSettings(
    String dataSet, String url, String md5, String file, Duration connectTimeout, Duration readTimeout) {}
