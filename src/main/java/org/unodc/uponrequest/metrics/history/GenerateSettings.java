package org.unodc.uponrequest.metrics.history;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code uponrequest.generate.*}: what the {@code generate-history} profile loads (README,
 * "Historic requests for the dashboard").
 *
 * @param requests how many requests
 * @param years over how many years, ending now
 * @param seed the same seed draws the same requests
 * @param add add to the generated requests already in the database instead of refusing
 * @param then {@code exit} when done (the exit status says whether it worked), or {@code serve} on
 * @param batch requests written per transaction
 */
@ConfigurationProperties("uponrequest.generate")
record GenerateSettings(@DefaultValue("100000") int requests, @DefaultValue("5") int years,
    @DefaultValue("20091218") long seed, @DefaultValue("false") boolean add, @DefaultValue("exit") Then then,
    @DefaultValue("2000") int batch) {

  enum Then { EXIT, SERVE }
}
