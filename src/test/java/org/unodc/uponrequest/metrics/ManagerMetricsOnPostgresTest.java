package org.unodc.uponrequest.metrics;

import org.unodc.uponrequest.postgres.OnPostgres;

/** Every figure, computed from the same four requests, on PostgreSQL. */
@OnPostgres
class ManagerMetricsOnPostgresTest extends ManagerMetricsTest {}
