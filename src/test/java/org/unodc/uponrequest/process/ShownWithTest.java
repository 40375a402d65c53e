package org.unodc.uponrequest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Test;

/**
 * What a task's form conditions see ({@link FormContracts#shownWith}) is what the engine lists as the
 * task's variables, plain values only, a task's own variable before the request's of the same name;
 * read without loading the bytes of Json values.
 */
class ShownWithTest extends ProcessTestSupport {

  @Test
  void aFormSeesThePlainValuesTheEngineListsForItsTask() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    Task task = taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    taskService().setVariableLocal(task.getId(), ProcessVariables.TITLE, "The task's own title");
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();

    engine.getCommandExecutorTxRequired().execute(context -> {
      TaskEntity entity = context.getTaskManager().findTaskById(task.getId());
      Map<String, Object> shown = FormContracts.shownWith(entity);

      Map<String, Object> expected = new LinkedHashMap<>();
      VariableMap all = entity.getVariablesTyped(false);
      for (String name : all.keySet()) {
        var typed = all.getValueTyped(name);
        if (typed != null && typed.getType().isPrimitiveValueType() && typed.getValue() != null) {
          expected.put(name, typed.getValue());
        }
      }
      assertThat(shown).isEqualTo(expected)
          .containsEntry(ProcessVariables.TITLE, "The task's own title")
          .containsKey(ProcessVariables.MEMBER_STATE)
          .doesNotContainKey(ProcessVariables.THEMATIC_AREAS);
      assertThat(all.keySet()).contains(ProcessVariables.THEMATIC_AREAS);
      return null;
    });
  }
}
