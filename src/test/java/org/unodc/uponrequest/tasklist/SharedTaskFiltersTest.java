package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.unodc.uponrequest.process.ProcessTestSupport;

/** Tasklist opens on "My work": the tasks an officer has claimed and those their groups may take, together. */
class SharedTaskFiltersTest extends ProcessTestSupport {

  @Autowired FilterService filterService;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;

  @AfterEach
  void signOut() {
    identityService.clearAuthentication();
  }

  @Test
  void myWorkListsWhatIClaimedAndWhatMyGroupsMayTake() {
    ProcessInstance claimed = submit("KEN", "CORRUPTION");
    ProcessInstance waiting = submit("COL", "CORRUPTION");
    String claimedTask = task(claimed);
    String waitingTask = task(waiting);
    taskService.claim(claimedTask, "intake");

    identityService.setAuthentication("intake", List.of("hq-intake"), List.of("KEN", "COL"));
    List<String> myWork = ids(filterService.list(filterId(SharedTaskFilters.MY_WORK)));
    List<String> myTasks = ids(filterService.list(filterId(SharedTaskFilters.MY_TASKS)));

    assertThat(myWork).contains(claimedTask, waitingTask);
    assertThat(myTasks).contains(claimedTask).doesNotContain(waitingTask);
    assertThat(filterService.createFilterQuery().list().stream()
        .min(java.util.Comparator.comparingInt(filter -> ((Number) filter.getProperties().get("priority")).intValue()))
        .orElseThrow().getName()).as("the filter Tasklist opens on").isEqualTo(SharedTaskFilters.MY_WORK);
  }

  private String filterId(String name) {
    return filterService.createFilterQuery().filterName(name).singleResult().getId();
  }

  private String task(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
  }

  private static List<String> ids(List<Task> tasks) {
    return tasks.stream().map(Task::getId).toList();
  }
}
