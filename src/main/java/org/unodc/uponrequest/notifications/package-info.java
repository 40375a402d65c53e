/**
 * Notifications by e-mail, through a transactional outbox (ADR 0006). The process's steps write
 * each mail as a row of {@code UR_OUTBOX} in their own transaction ({@link
 * org.unodc.uponrequest.notifications.Notifications}, hooked in by {@link
 * org.unodc.uponrequest.notifications.NotificationHooks} and {@link
 * org.unodc.uponrequest.notifications.TaskNotifications}); {@link
 * org.unodc.uponrequest.notifications.OutboxSender} sends them after commit, outside the engine's
 * transaction; {@link org.unodc.uponrequest.notifications.OutboxPurge} deletes sent mails past
 * their retention; administrators read the outbox at {@code /admin/outbox}.
 */
package org.unodc.uponrequest.notifications;
