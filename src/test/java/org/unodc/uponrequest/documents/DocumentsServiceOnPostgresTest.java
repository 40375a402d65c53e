package org.unodc.uponrequest.documents;

import org.unodc.uponrequest.postgres.OnPostgres;

/** Documents stored and read back as bytes, and who sees which, on PostgreSQL. */
@OnPostgres
class DocumentsServiceOnPostgresTest extends DocumentsServiceTest {}
