package org.unodc.uponrequest.security;

import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.impl.HistoricIdentityLinkLogQueryImpl;
import org.camunda.bpm.engine.impl.cmd.GetProcessInstanceAttachmentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetProcessInstanceCommentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskEventsCmd;
import org.camunda.bpm.engine.impl.cmd.UponRequestCommandAccess;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.unodc.uponrequest.process.Groups;

/**
 * Comments and attachments on UNODC's own tasks are internal notes too. Camunda lets whoever can
 * read a request read the comments and attachments of all its tasks (and of a finished task by
 * its id, unchecked): a member state reads only those on the tasks put to its focal points.
 */
final class StateVisibleNotes {

  static <T> Command<T> restrict(Command<T> command, EngineCaller caller) {
    if (caller != EngineCaller.MEMBER_STATE) {
      return command;
    }
    String taskId = UponRequestCommandAccess.noteTaskId(command);
    if (taskId != null) {
      return context -> forFocalPoints(context, taskId) ? command.execute(context) : nothing(command);
    }
    String attachmentId = UponRequestCommandAccess.attachmentId(command);
    if (attachmentId != null) {
      return context -> {
        AttachmentEntity attachment = context.getDbEntityManager().selectById(AttachmentEntity.class, attachmentId);
        return attachment != null && forFocalPoints(context, attachment.getTaskId()) ? command.execute(context) : null;
      };
    }
    if (command instanceof GetProcessInstanceCommentsCmd || command instanceof GetProcessInstanceAttachmentsCmd) {
      return context -> onlyForFocalPoints(context, command.execute(context));
    }
    return command;
  }

  /** Was the task put to a member state's focal points (a candidate group focal-ISO3)? */
  private static boolean forFocalPoints(CommandContext context, String taskId) {
    if (taskId == null) {
      return false;
    }
    HistoricIdentityLinkLogQueryImpl candidates = new HistoricIdentityLinkLogQueryImpl();
    candidates.taskId(taskId);
    List<HistoricIdentityLinkLog> links = context.runWithoutAuthorization(() -> candidates.executeList(context, null));
    return links.stream().anyMatch(link -> link.getGroupId() != null && link.getGroupId().startsWith(Groups.focalPoints("")));
  }

  @SuppressWarnings("unchecked")
  private static <T> T onlyForFocalPoints(CommandContext context, T result) {
    if (!(result instanceof Collection<?> notes)) {
      return result;
    }
    return (T) notes.stream().filter(note -> forFocalPoints(context, taskOf(note))).toList();
  }

  /** What the command answers when there is nothing: an empty list for the list commands, else null. */
  @SuppressWarnings("unchecked")
  private static <T> T nothing(Command<T> command) {
    return command instanceof GetTaskCommentsCmd || command instanceof GetTaskAttachmentsCmd
        || command instanceof GetTaskEventsCmd ? (T) List.of() : null;
  }

  private static String taskOf(Object note) {
    if (note instanceof Comment comment) {
      return comment.getTaskId();
    }
    return note instanceof Attachment attachment ? attachment.getTaskId() : null;
  }

  private StateVisibleNotes() {}
}
