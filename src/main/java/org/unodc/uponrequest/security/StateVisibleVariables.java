package org.unodc.uponrequest.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.AbstractVariableQueryImpl;
import org.camunda.bpm.engine.impl.HistoricDetailQueryImpl;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricVariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.QueryEntityRelationCondition;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.QueryVariableValue;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryProperty;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractGetFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.UponRequestCommandAccess;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessInstanceWithVariablesImpl;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.unodc.uponrequest.process.ProcessVariables;

/**
 * A member state reads only the state-visible fields of its requests
 * ({@link ProcessVariables#STATE_VISIBLE}), through every engine door: variables of a request, of
 * its tasks and task forms, variables returned by a start or a completion, variable and history
 * queries. Filters and sorting on internal variables are refused too, since a filter that matches
 * or not tells the value as surely as reading it. History details (every past value) are closed
 * to member states.
 */
final class StateVisibleVariables {

  /** A name no variable has: restricts a variable query to nothing. */
  static final String NO_VARIABLE = "-";

  private static final Set<String> VISIBLE_LOWER_CASE = ProcessVariables.STATE_VISIBLE.stream()
      .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

  /** Before the command runs: closes what a state never needs and narrows queries to visible names. */
  static void restrict(Object command, EngineCaller caller) {
    if (caller != EngineCaller.MEMBER_STATE) {
      return;
    }
    if (command instanceof HistoricDetailQueryImpl) {
      throw new EngineDoorClosedException("Member states follow their requests through their state-visible fields");
    }
    if (command instanceof AbstractExecuteFilterCmd filter) {
      Query<?, ?> extending = UponRequestCommandAccess.extendingQuery(filter);
      if (extending != null) {
        restrict(extending, caller);
      }
      return;
    }
    if (command instanceof AbstractQuery<?, ?> query) {
      checkSorting(query);
    }
    if (command instanceof AbstractVariableQueryImpl<?, ?> query) {
      checkNames(query.getQueryVariableValues());
    }
    if (command instanceof TaskQueryImpl query) {
      checkNames(query.getVariables());
      query.getQueries().forEach(or -> {
        checkNames(or.getVariables());
        checkSorting(or);
      });
    }
    if (command instanceof HistoricTaskInstanceQueryImpl query) {
      checkNames(query.getVariables());
    }
    if (command instanceof VariableInstanceQueryImpl query) {
      query.variableNameIn(visibleOf(query.getVariableNames() == null ? null : List.of(query.getVariableNames())));
    }
    if (command instanceof HistoricVariableInstanceQueryImpl query) {
      if (query.getQueryVariableValue() != null) {
        checkNames(List.of(query.getQueryVariableValue()));
      }
      query.variableNameIn(visibleOf(query.getVariableNameIn()));
    }
  }

  /** After the command ran: removes internal variables from what it returns. */
  @SuppressWarnings("unchecked")
  static <T> T filter(Object command, EngineCaller caller, T result) {
    if (caller != EngineCaller.MEMBER_STATE || result == null) {
      return result;
    }
    String single = UponRequestCommandAccess.variableName(command);
    if (single != null) {
      return visible(single) ? result : null;
    }
    if (result instanceof ProcessInstanceWithVariablesImpl started && command instanceof StartProcessInstanceCmd) {
      return (T) new ProcessInstanceWithVariablesImpl(started.getExecutionEntity(), onlyVisible(started.getVariables()));
    }
    if (result instanceof VariableMap variables && (command instanceof AbstractGetFormVariablesCmd
        || command instanceof GetTaskVariablesCmd || command instanceof GetExecutionVariablesCmd
        || command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)) {
      return (T) onlyVisible(variables);
    }
    return result;
  }

  static boolean visible(String name) {
    return name != null && VISIBLE_LOWER_CASE.contains(name.toLowerCase(Locale.ROOT));
  }

  private static VariableMap onlyVisible(VariableMap variables) {
    VariableMap visible = Variables.createVariables();
    if (variables != null) {
      variables.keySet().stream().filter(ProcessVariables.STATE_VISIBLE::contains)
          .forEach(name -> visible.putValueTyped(name, variables.getValueTyped(name)));
    }
    return visible;
  }

  private static String[] visibleOf(List<String> asked) {
    List<String> names = new ArrayList<>(asked == null ? ProcessVariables.STATE_VISIBLE
        : asked.stream().filter(ProcessVariables.STATE_VISIBLE::contains).toList());
    return names.isEmpty() ? new String[] {NO_VARIABLE} : names.toArray(String[]::new);
  }

  private static void checkNames(List<? extends QueryVariableValue> conditions) {
    if (conditions == null) {
      return;
    }
    for (QueryVariableValue condition : conditions) {
      if (!visible(condition.getName())) {
        throw new EngineDoorClosedException("'" + condition.getName() + "' is internal to UNODC and cannot be filtered on");
      }
    }
  }

  private static void checkSorting(AbstractQuery<?, ?> query) {
    for (QueryOrderingProperty ordering : query.getOrderingProperties()) {
      if (!ordering.hasRelationConditions()) {
        continue;
      }
      for (QueryEntityRelationCondition condition : ordering.getRelationConditions()) {
        if (VariableInstanceQueryProperty.VARIABLE_NAME.equals(condition.getProperty())
            && !visible(String.valueOf(condition.getScalarValue()))) {
          throw new EngineDoorClosedException("'" + condition.getScalarValue() + "' is internal to UNODC and cannot be sorted on");
        }
      }
    }
  }

  private StateVisibleVariables() {}
}
