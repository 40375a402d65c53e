package org.unodc.uponrequest.intake;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The intake inbox's settings ({@link IntakeSettings}). */
@Configuration
@EnableConfigurationProperties(IntakeSettings.class)
class IntakeConfiguration {}
