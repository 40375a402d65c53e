package org.unodc.uponrequest.notifications;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The outbox's settings, and scheduling for its poller ({@link OutboxSender#poll()}). */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(MailSettings.class)
class NotificationsConfiguration {}
