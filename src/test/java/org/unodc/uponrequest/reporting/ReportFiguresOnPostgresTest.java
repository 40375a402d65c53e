package org.unodc.uponrequest.reporting;

import org.unodc.uponrequest.postgres.OnPostgres;

/** The annual report's figures, page and PDF from the reporting tables, on PostgreSQL. */
@OnPostgres
class ReportFiguresOnPostgresTest extends ReportFiguresTest {}
