package org.camunda.bpm.engine.impl.cmd;

import java.util.Map;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.query.Query;

/**
 * UponRequest's read access to what an engine command carries (its task, its variables), which
 * Camunda keeps in protected fields without getters. Living in Camunda's package keeps this
 * compile-time checked against the engine version: a renamed field breaks the build, not the
 * security checks at run time. Read only; nothing here changes a command.
 */
public final class UponRequestCommandAccess {

  /** The task as the caller wants it saved (a changed copy of the stored one, or a new task). */
  public static org.camunda.bpm.engine.impl.persistence.entity.TaskEntity task(SaveTaskCmd command) {
    return command.task;
  }

  public static String taskId(CompleteTaskCmd command) {
    return command.taskId;
  }

  public static Map<String, Object> variables(CompleteTaskCmd command) {
    return command.variables;
  }

  public static String taskId(SubmitTaskFormCmd command) {
    return command.taskId;
  }

  public static Map<String, Object> variables(SubmitTaskFormCmd command) {
    return command.properties;
  }

  public static String processDefinitionId(SubmitStartFormCmd command) {
    return command.processDefinitionId;
  }

  public static Map<String, Object> variables(SubmitStartFormCmd command) {
    return command.variables;
  }

  public static ProcessInstantiationBuilderImpl builder(StartProcessInstanceCmd command) {
    return command.instantiationBuilder;
  }

  /** The name of the single variable a get-variable command reads, or null for other commands. */
  public static String variableName(Object command) {
    if (command instanceof GetTaskVariableCmd get) {
      return get.variableName;
    }
    if (command instanceof GetTaskVariableCmdTyped get) {
      return get.variableName;
    }
    if (command instanceof GetExecutionVariableCmd get) {
      return get.variableName;
    }
    if (command instanceof GetExecutionVariableTypedCmd<?> get) {
      return get.variableName;
    }
    return null;
  }

  /** The task whose comments, attachments or events a command reads, or null for other commands. */
  public static String noteTaskId(Object command) {
    if (command instanceof GetTaskCommentsCmd get) {
      return get.taskId;
    }
    if (command instanceof GetTaskCommentCmd get) {
      return get.taskId;
    }
    if (command instanceof GetTaskAttachmentsCmd get) {
      return get.taskId;
    }
    if (command instanceof GetTaskAttachmentCmd get) {
      return get.taskId;
    }
    if (command instanceof GetTaskAttachmentContentCmd get) {
      return get.taskId;
    }
    if (command instanceof GetTaskEventsCmd get) {
      return get.taskId;
    }
    return null;
  }

  /** The attachment a command reads by its id alone, or null for other commands. */
  public static String attachmentId(Object command) {
    if (command instanceof GetAttachmentCmd get) {
      return get.attachmentId;
    }
    if (command instanceof GetAttachmentContentCmd get) {
      return get.attachmentId;
    }
    return null;
  }

  public static String filterId(AbstractExecuteFilterCmd command) {
    return command.filterId;
  }

  public static Query<?, ?> extendingQuery(AbstractExecuteFilterCmd command) {
    return command.extendingQuery;
  }

  private UponRequestCommandAccess() {}
}
