package org.unodc.uponrequest.tasklist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.FilterServiceImpl;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import camundajar.impl.com.google.gson.JsonObject;

/**
 * Camunda's filter service, with the shared filters' pages and counts found from their own
 * indexes (ADR 0011). Camunda's task query starts from every task the user's tenants allow and
 * meets each with the authorization table through an {@code OR} join, so an office's list took
 * seconds at 100,000 open tasks on H2 and on PostgreSQL. Here the same tasks are found starting
 * from the candidate link or the assignee, each checked against its own grant; the page's ids
 * then go through the filter's own query as it is (the authorization and tenant checks, Tasklist's
 * embedded resources), so a page never shows a task Camunda would not. The count is the product's,
 * and READ is judged here only where it is exactly a grant on the task itself: whenever
 * the case is not plain (another filter, search criteria but "active", an ordering by variable, grants on whole
 * definitions or on every task, revocations, an administrator), Camunda's own query answers.
 */
class SharedFilterPages extends FilterServiceImpl {

  private static final Pattern TASK_COLUMN = Pattern.compile("[A-Z][A-Z_]*_");
  /** The task's columns the kept list copies, for ordering (KeptTaskList). */
  private static final Map<String, String> KEPT_COLUMNS = Map.of("PRIORITY_", "PRIORITY_", "DUE_DATE_", "DUE_DATE_",
      "CREATE_TIME_", "CREATE_TIME_", "ID_", "TASK_ID_");
  private static final int TASK = 7;
  private static final int PROCESS_DEFINITION = 6;
  /** READ on a task, READ_TASK on a process definition: the bits Camunda checks before listing a task. */
  private static final int READ = 2;
  private static final int READ_TASK = 64;
  /** A page's count serves the count asked next on its thread for this long (the same HTTP request). */
  private static final long KEEP_COUNT_NANOS = 2_000_000_000L;

  private final JsonTaskQueryConverter converter = new JsonTaskQueryConverter();
  private final Set<String> criterionFree;
  private final Map<String, JsonObject> productQueries = new HashMap<>();
  private final AtomicLong answeredHere = new AtomicLong();
  private final AtomicLong fromKeptList = new AtomicLong();
  private final ThreadLocal<KeptCount> keptCount = new ThreadLocal<>();

  /** Whether {@code UR_TASK_LIST} is kept (KeptTaskListPlugin), so the group lists can be read from it. */
  private final boolean keptLists;

  SharedFilterPages(boolean keptLists) {
    this.keptLists = keptLists;
    criterionFree = withoutOrdering(converter.toJsonObject(new TaskQueryImpl())).keySet();
    SharedTaskFilters.definitions().forEach(definition ->
        productQueries.put(definition.name(), converter.toJsonObject(definition.query())));
  }

  /** Pages and counts answered here rather than by Camunda's query alone (tests, monitoring). */
  long answeredHere() {
    return answeredHere.get();
  }

  /** Counts (and with them pages) read from the kept list (tests, monitoring). */
  long answeredFromKeptList() {
    return fromKeptList.get();
  }

  @Override
  public Long count(String filterId) {
    return count(filterId, null);
  }

  @Override
  public Long count(String filterId, Query<?, ?> extendingQuery) {
    Plan plan = plan(filterId, extendingQuery);
    Long count = plan == null ? null : commandExecutor.execute(context -> countOf(context, filterId, plan));
    if (count == null) {
      return super.count(filterId, extendingQuery);
    }
    answeredHere.incrementAndGet();
    return count;
  }

  @Override
  public <T> List<T> listPage(String filterId, int firstResult, int maxResults) {
    return listPage(filterId, null, firstResult, maxResults);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T, Q extends Query<?, T>> List<T> listPage(String filterId, Q extendingQuery, int firstResult, int maxResults) {
    keptCount.remove();
    Plan plan = firstResult < 0 || maxResults <= 0 ? null : plan(filterId, extendingQuery);
    List<String> ids = plan == null ? null
        : commandExecutor.execute(context -> pageOf(context, filterId, plan, firstResult, maxResults));
    if (ids == null) {
      return super.listPage(filterId, tiesBrokenById(extendingQuery), firstResult, maxResults);
    }
    if (ids.isEmpty()) {
      answeredHere.incrementAndGet();
      return List.of();
    }
    // the filter's own query over the page's tasks: Camunda's checks decide, and it embeds what Tasklist shows
    TaskQuery page = extendingQuery == null ? new TaskQueryImpl() : copy((TaskQuery) extendingQuery);
    page.taskIdIn(ids.toArray(String[]::new));
    List<T> read = super.listPage(filterId, (Q) page, 0, ids.size());
    Map<String, T> byId = new HashMap<>();
    for (T task : read) {
      byId.put(((Task) task).getId(), task);
    }
    if (!byId.keySet().equals(Set.copyOf(ids))) {
      // Camunda sees it otherwise (a grant changed in between, or a case not foreseen here): its answer stands
      keptCount.remove();
      return super.listPage(filterId, tiesBrokenById(extendingQuery), firstResult, maxResults);
    }
    answeredHere.incrementAndGet();
    // in the page's order: Camunda's, with ties broken by id
    return ids.stream().map(byId::get).toList();
  }

  /**
   * Camunda's query with the task's id as its last ordering: Camunda leaves ties to the database, so
   * a manager paging through tasks alike in priority and due date could see one twice and miss another.
   */
  @SuppressWarnings("unchecked")
  private <T, Q extends Query<?, T>> Q tiesBrokenById(Q extendingQuery) {
    if (extendingQuery != null && !(extendingQuery instanceof TaskQueryImpl)) {
      return extendingQuery;
    }
    TaskQuery query = extendingQuery == null ? new TaskQueryImpl() : copy((TaskQuery) extendingQuery);
    return (Q) query.orderByTaskId().asc();
  }

  /** What to ask the database for, or null when Camunda's query must answer. */
  private Plan plan(String filterId, Query<?, ?> extendingQuery) {
    Boolean activeOnly = extendingQuery == null ? Boolean.FALSE : activeOnly(extendingQuery);
    if (activeOnly == null) {
      return null;
    }
    // READ on the filter checked by Camunda
    Filter filter = getFilter(filterId);
    SharedTaskFilters.FastList list = filter == null ? null : fastListOf(filter);
    if (list == null) {
      return null;
    }
    // the filter's orderings as Camunda merges them with the caller's
    TaskQueryImpl merged = (TaskQueryImpl) (extendingQuery == null ? filter.getQuery() : filter.extend(extendingQuery).getQuery());
    List<String> orderBy = new ArrayList<>();
    List<String> keptOrderBy = new ArrayList<>();
    for (QueryOrderingProperty ordering : merged.getOrderingProperties()) {
      String column = ordering.getQueryProperty().getName();
      if (ordering.getRelation() != null || !TASK_COLUMN.matcher(column).matches()) {
        return null;
      }
      String direction = "desc".equals(ordering.getDirection().getName()) ? " DESC" : " ASC";
      orderBy.add("RES." + column + direction);
      String kept = KEPT_COLUMNS.get(column);
      keptOrderBy.add(kept == null ? null : "X." + kept + direction);
    }
    // Camunda leaves ties in the database's order; a fixed one keeps the pages from overlapping
    orderBy.add("RES.ID_ ASC");
    keptOrderBy.add("X.TASK_ID_ ASC");
    boolean kept = keptLists && list.kept() != null && !keptOrderBy.contains(null);
    return new Plan(list, activeOnly, String.join(", ", orderBy), kept ? String.join(", ", keptOrderBy) : null);
  }

  /** The SQL of a shared filter whose query is still the product's (an administrator may edit it); null else. */
  private SharedTaskFilters.FastList fastListOf(Filter filter) {
    SharedTaskFilters.FastList list = SharedTaskFilters.FAST_LISTS.get(filter.getName());
    JsonObject product = productQueries.get(filter.getName());
    return list != null && product != null && product.equals(converter.toJsonObject((TaskQuery) filter.getQuery()))
        ? list : null;
  }

  /**
   * Whether the caller's query asks for active tasks only (Tasklist always does), or for no criterion at all;
   * null when it has any other criterion.
   */
  private Boolean activeOnly(Query<?, ?> query) {
    if (!(query instanceof TaskQueryImpl taskQuery)) {
      return null;
    }
    JsonObject criteria = withoutOrdering(converter.toJsonObject(taskQuery));
    boolean active = criteria.has(JsonTaskQueryConverter.ACTIVE) && criteria.get(JsonTaskQueryConverter.ACTIVE).getAsBoolean();
    criteria.remove(JsonTaskQueryConverter.ACTIVE);
    return criteria.keySet().equals(criterionFree) ? active : null;
  }

  private static JsonObject withoutOrdering(JsonObject query) {
    query.remove(JsonTaskQueryConverter.ORDERING_PROPERTIES);
    query.remove(JsonTaskQueryConverter.ORDER_BY);
    return query;
  }

  private TaskQuery copy(TaskQuery query) {
    return converter.toObject(converter.toJsonObject(query));
  }

  /**
   * What to ask for: the filter's SQL, active tasks only or all, the order on the task (RES), and
   * the same order on the kept list's copy of the columns (X), null when it orders by one not kept.
   */
  private record Plan(SharedTaskFilters.FastList list, boolean activeOnly, String orderBy, String keptOrderBy) {}

  /** A page's count of all its tasks, kept for the count asked next on this thread (REST asks for both in turn). */
  private record KeptCount(String filterId, Plan plan, Asker asker, long count, long at) {}

  /** Who asks, when their tasks can be found from the tasks' own grants; null otherwise. */
  private record Asker(String user, List<String> groups, List<String> tenants, boolean tenantCheck) {}

  private Asker asker(CommandContext context) {
    Authentication authentication = context.getAuthentication();
    if (authentication == null || authentication.getUserId() == null || !context.isAuthorizationCheckEnabled()
        || !context.getProcessEngineConfiguration().isAuthorizationEnabled()
        || context.getAuthorizationManager().isCamundaAdmin(authentication)) {
      return null;
    }
    List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    if (groups.isEmpty()) {
      // Camunda's answer to a group list with no group is its own
      return null;
    }
    List<String> tenants = authentication.getTenantIds() == null ? List.of() : authentication.getTenantIds();
    return new Asker(authentication.getUserId(), groups, tenants, context.getTenantManager().isTenantCheckEnabled());
  }

  private Long countOf(CommandContext context, String filterId, Plan plan) {
    Asker asker = asker(context);
    KeptCount kept = keptCount.get();
    keptCount.remove();
    Connection db = context.getDbSqlSession().getSqlSession().getConnection();
    if (asker == null || !readableByOwnGrantsOnly(db, asker)) {
      return null;
    }
    if (kept != null && kept.filterId().equals(filterId) && kept.plan().equals(plan)
        && kept.asker().equals(asker) && System.nanoTime() - kept.at() < KEEP_COUNT_NANOS) {
      return kept.count();
    }
    Long fromList = plan.keptOrderBy() == null ? null : countFromKeptList(db, plan, asker, onH2(context));
    if (fromList != null) {
      return fromList;
    }
    Sql sql = new Sql("SELECT COUNT(*) FROM ");
    fromWhere(sql, plan, asker, onH2(context));
    return sql.run(db, rows -> {
      rows.next();
      return rows.getLong(1);
    });
  }

  /** The page's ids; the same statement counts them all, for the count that follows (HAL, Tasklist). */
  private List<String> pageOf(CommandContext context, String filterId, Plan plan, int firstResult, int maxResults) {
    Asker asker = asker(context);
    Connection db = context.getDbSqlSession().getSqlSession().getConnection();
    if (asker == null || !readableByOwnGrantsOnly(db, asker)) {
      return null;
    }
    Long kept = plan.keptOrderBy() == null ? null : countFromKeptList(db, plan, asker, onH2(context));
    if (kept != null) {
      keptCount.set(new KeptCount(filterId, plan, asker, kept, System.nanoTime()));
      return kept == 0 ? List.of() : pageFromKeptList(db, plan, asker, firstResult, maxResults, onH2(context));
    }
    Sql sql = new Sql("SELECT RES.ID_, COUNT(*) OVER () FROM ");
    fromWhere(sql, plan, asker, onH2(context));
    sql.text(" ORDER BY " + plan.orderBy() + " OFFSET " + firstResult + " ROWS FETCH NEXT " + maxResults + " ROWS ONLY");
    return sql.run(db, rows -> {
      List<String> ids = new ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
        if (ids.size() == 1) {
          keptCount.set(new KeptCount(filterId, plan, asker, rows.getLong(2), System.nanoTime()));
        }
      }
      return ids;
    });
  }

  /**
   * The count from the kept lists (ADR 0015): the groups' rows counted in an index alone, by tenant,
   * plus for My work the user's own tasks that no group of theirs holds, and for the lists of all
   * readable tasks the user's own granted rows that no group of theirs holds. Null, for the statement
   * below to answer, when the lists are stale or hold an odd row of these groups or this user
   * (suspended, or who may read it is not the row's grant alone).
   */
  private Long countFromKeptList(Connection db, Plan plan, Asker asker, boolean onH2) {
    if (KeptTaskList.trustedVersion(db) == null) {
      return null;
    }
    SharedTaskFilters.Kept kept = plan.list().kept();
    boolean readable = kept.kind() == SharedTaskFilters.Kept.Kind.READABLE;
    if (anyOdd(db, KeptTaskList.GROUPS, asker.groups(), onH2 ? "UR_TASK_LIST_BY_GROUP" : null)
        || readable && (anyOdd(db, KeptTaskList.USERS, List.of(asker.user()), onH2 ? "UR_USER_TASK_LIST_DUE" : null)
        || anyTaskGrantedToEveryone(db))) {
      return null;
    }
    // the groups' rows counted in the index alone (H2 reads each row for a column it lacks): 20 ms for 55,000
    String count = asker.groups().size() == 1 ? "COUNT(*)" : "COUNT(DISTINCT K.TASK_ID_)";
    String index = kept.countIndex() == null ? "UR_TASK_LIST_BY_GROUP" : "UR_TASK_LIST_" + kept.countIndex();
    Sql byTenant = new Sql("SELECT " + (asker.tenantCheck() ? "K.TENANT_ID_, " : "NULL, ") + count
        + " FROM UR_TASK_LIST K" + (onH2 ? " USE INDEX (" + index + ")" : "") + " WHERE K.GROUP_ID_ IN (")
        .values(asker.groups()).text(") AND K.ODD_ = FALSE");
    keptCondition(byTenant, kept, asker, "K");
    long total = sumOverTenants(db, byTenant.text(asker.tenantCheck() ? " GROUP BY K.TENANT_ID_" : ""), asker);
    if (readable) {
      String userIndex = "UR_USER_TASK_LIST_" + kept.countIndex();
      Sql own = new Sql("SELECT " + (asker.tenantCheck() ? "U.TENANT_ID_, " : "NULL, ") + "COUNT(*) FROM UR_USER_TASK_LIST U"
          + (onH2 ? " USE INDEX (" + userIndex + ")" : "") + " WHERE U.USER_ID_ = ? AND U.ODD_ = FALSE");
      own.values.add(asker.user());
      keptCondition(own, kept, asker, "U");
      own.text(" AND NOT EXISTS (SELECT 1 FROM UR_TASK_LIST K WHERE K.TASK_ID_ = U.TASK_ID_ AND K.GROUP_ID_ IN (")
          .values(asker.groups()).text("))");
      total += sumOverTenants(db, own.text(asker.tenantCheck() ? " GROUP BY U.TENANT_ID_" : ""), asker);
    }
    fromKeptList.incrementAndGet();
    if (kept.kind() != SharedTaskFilters.Kept.Kind.CANDIDATES_AND_ASSIGNED) {
      return total;
    }
    Sql own = new Sql("SELECT COUNT(*) FROM ACT_RU_TASK RES WHERE RES.ASSIGNEE_ = ?");
    own.values.add(asker.user());
    activeAndTenant(own, plan, asker, "RES");
    own.text(" AND EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ = RES.ID_ AND ");
    readGrant(own, asker).text(") AND NOT EXISTS (SELECT 1 FROM UR_TASK_LIST K WHERE K.TASK_ID_ = RES.ID_ AND K.GROUP_ID_ IN (")
        .values(asker.groups()).text("))");
    return total + own.run(db, rows -> {
      rows.next();
      return rows.getLong(1);
    });
  }

  /** Whether a kept table holds an odd row of these principals. */
  private static boolean anyOdd(Connection db, KeptTaskList.Table table, List<String> principals, String index) {
    Sql odd = new Sql("SELECT COUNT(*) FROM (SELECT 1 FROM " + table.name() + " K"
        + (index == null ? "" : " USE INDEX (" + index + ")") + " WHERE K." + table.principal() + " IN (")
        .values(principals).text(") AND K.ODD_ = TRUE FETCH FIRST 1 ROWS ONLY) O");
    return odd.run(db, rows -> rows.next() && rows.getLong(1) > 0);
  }

  /**
   * Whether some task is granted to everyone ('*') by an authorization of its own: the kept lists hold
   * no such rows. One lookup per type, each on the leading columns of Camunda's unique index.
   */
  private static boolean anyTaskGrantedToEveryone(Connection db) {
    Sql sql = new Sql("SELECT COUNT(*) FROM (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ = 0 AND A.USER_ID_ = '*'"
        + " AND A.RESOURCE_TYPE_ = " + TASK + " AND A.RESOURCE_ID_ <> '*' UNION ALL SELECT 1 FROM ACT_RU_AUTHORIZATION A"
        + " WHERE A.TYPE_ = 1 AND A.USER_ID_ = '*' AND A.RESOURCE_TYPE_ = " + TASK + " AND A.RESOURCE_ID_ <> '*'"
        + " FETCH FIRST 1 ROWS ONLY) E");
    return sql.run(db, rows -> rows.next() && rows.getLong(1) > 0);
  }

  /** The kept list's condition (overdue, high priority) on the kept copy of the task's columns. */
  private static void keptCondition(Sql sql, SharedTaskFilters.Kept kept, Asker asker, String table) {
    if (kept.condition() != null) {
      sql.text(" AND (").condition(kept.condition().replace("X.", table + "."), asker).text(")");
    }
  }

  /** Counts by tenant (tenant, count), summed over the tenants the asker may see. */
  private static long sumOverTenants(Connection db, Sql sql, Asker asker) {
    return sql.run(db, rows -> {
      long sum = 0;
      while (rows.next()) {
        String tenant = rows.getString(1);
        if (!asker.tenantCheck() || tenant == null || asker.tenants().contains(tenant)) {
          sum += rows.getLong(2);
        }
      }
      return sum;
    });
  }

  /**
   * A page from the kept lists: each group's first rows read in the list's order from its index (it stops
   * at the page's end), the user's own tasks for My work or own granted rows for the lists of all readable
   * tasks, then the page of them all in the filter's order.
   */
  private static List<String> pageFromKeptList(Connection db, Plan plan, Asker asker, int firstResult, int maxResults,
      boolean onH2) {
    int enough = firstResult + maxResults;
    SharedTaskFilters.Kept kept = plan.list().kept();
    List<Sql> parts = new ArrayList<>();
    for (String group : asker.groups()) {
      parts.add(keptPart(KeptTaskList.GROUPS, group, plan, asker, enough, onH2));
    }
    if (kept.kind() == SharedTaskFilters.Kept.Kind.READABLE) {
      parts.add(keptPart(KeptTaskList.USERS, asker.user(), plan, asker, enough, onH2));
    }
    if (kept.kind() == SharedTaskFilters.Kept.Kind.CANDIDATES_AND_ASSIGNED) {
      Sql own = new Sql("SELECT RES.ID_ AS TASK_ID_, RES.PRIORITY_, RES.DUE_DATE_, RES.CREATE_TIME_ FROM ACT_RU_TASK RES"
          + " WHERE RES.ASSIGNEE_ = ?");
      own.values.add(asker.user());
      activeAndTenant(own, plan, asker, "RES");
      own.text(" AND EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ = RES.ID_ AND ");
      parts.add(readGrant(own, asker).text(")"));
    }
    Sql page;
    if (parts.size() == 1) {
      page = new Sql("SELECT X.TASK_ID_ FROM (").append(parts.get(0)).text(") X");
    } else {
      page = new Sql("SELECT X.TASK_ID_ FROM (");
      for (int i = 0; i < parts.size(); i++) {
        page.text(i == 0 ? "(" : " UNION (").append(parts.get(i)).text(")");
      }
      page.text(") X");
    }
    page.text(" ORDER BY " + plan.keptOrderBy() + " OFFSET " + firstResult + " ROWS FETCH NEXT " + maxResults + " ROWS ONLY");
    return page.run(db, rows -> {
      List<String> ids = new ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    });
  }

  /** One principal's first rows of a kept table, in the list's order, read from its index. */
  private static Sql keptPart(KeptTaskList.Table table, String principal, Plan plan, Asker asker, int enough, boolean onH2) {
    String alias = table == KeptTaskList.GROUPS ? "K" : "U";
    // H2 reads an index in order only when the ORDER BY names its first column too
    String order = alias + "." + table.principal() + ", " + plan.keptOrderBy().replace("X.", alias + ".");
    // H2 takes a count index for the tenant check and then sorts all the group's rows (170-800 ms for 55,000)
    Sql part = new Sql("SELECT " + alias + ".TASK_ID_, " + alias + ".PRIORITY_, " + alias + ".DUE_DATE_, " + alias
        + ".CREATE_TIME_ FROM " + table.name() + " " + alias + (onH2 ? " USE INDEX (" + table.name() + "_PAGE)" : "")
        + " WHERE " + alias + "." + table.principal() + " = ?");
    part.values.add(principal);
    keptCondition(part, plan.list().kept(), asker, alias);
    tenant(part, asker, alias);
    return part.text(" ORDER BY " + order + " FETCH FIRST " + enough + " ROWS ONLY");
  }

  private static void activeAndTenant(Sql sql, Plan plan, Asker asker, String table) {
    if (plan.activeOnly()) {
      sql.text(" AND " + table + ".SUSPENSION_STATE_ = 1");
    }
    tenant(sql, asker, table);
  }

  /** Camunda's tenant check on the task (or its kept copy). */
  private static void tenant(Sql sql, Asker asker, String table) {
    if (!asker.tenantCheck()) {
      return;
    }
    if (asker.tenants().isEmpty()) {
      sql.text(" AND " + table + ".TENANT_ID_ IS NULL");
    } else {
      sql.text(" AND (" + table + ".TENANT_ID_ IS NULL OR " + table + ".TENANT_ID_ IN (").constants(asker.tenants()).text("))");
    }
  }

  /**
   * The filter's tasks and condition, the tenant check, and Camunda's READ check as the task's own
   * grant: a grant (or global authorization) of READ on this task to the user or one of their groups.
   */
  private static void fromWhere(Sql sql, Plan plan, Asker asker, boolean onH2) {
    SharedTaskFilters.FastList list = plan.list();
    // H2 runs an EXISTS as a query of its own for every task: there the ids are joined to their grants (Nairobi's
    // 3,400 tasks a third faster). PostgreSQL plans the EXISTS as a join of its own, and the join written
    // here took it twice as long (BENCHMARKS.md)
    boolean joinGrants = list.tasks() != null && !list.readable() && onH2;
    boolean checkEach = list.tasks() == null || !list.readable() && !onH2;
    if (list.tasks() == null) {
      sql.text("ACT_RU_TASK RES");
    } else {
      // the tasks' ids, each once, then each task by its key
      sql.text("(SELECT DISTINCT X.TASK_ID_ FROM (").condition(list.tasks(), asker).text(") X");
      if (joinGrants) {
        sql.text(" JOIN ACT_RU_AUTHORIZATION A ON A.RESOURCE_ID_ = X.TASK_ID_ AND ");
        readGrant(sql, asker);
      }
      sql.text(") M JOIN ACT_RU_TASK RES ON RES.ID_ = M.TASK_ID_");
    }
    sql.text(" WHERE 1 = 1");
    if (list.condition() != null) {
      sql.text(" AND (").condition(list.condition(), asker).text(")");
    }
    if (plan.activeOnly()) {
      sql.text(" AND RES.SUSPENSION_STATE_ = 1");
    }
    tenant(sql, asker, "RES");
    if (checkEach) {
      // per task, through the index on the resource: the group's own grants may be tens of thousands
      sql.text(" AND EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ = RES.ID_ AND ");
      readGrant(sql, asker).text(")");
    }
  }

  private static boolean onH2(CommandContext context) {
    return DbSqlSessionFactory.H2.equals(context.getProcessEngineConfiguration().getDatabaseType());
  }

  /**
   * A is a grant or global authorization of READ on a task to the user or one of their groups.
   * (Camunda lets case tasks through unchecked: with no case definition deployed there are none.)
   */
  private static Sql readGrant(Sql sql, Asker asker) {
    return sql.text("A.RESOURCE_TYPE_ = " + TASK + " AND A.TYPE_ < 2 AND ").userOrGroups(asker)
        .text(" AND MOD(A.PERMS_ / " + READ + ", 2) = 1");
  }

  /**
   * True when nothing but a task's own grants lets this user read it, and nothing revokes: no
   * READ on every task, no READ_TASK on a process definition, no revocation for them, and no case
   * definition (Camunda does not check case tasks).
   */
  private static boolean readableByOwnGrantsOnly(Connection db, Asker asker) {
    // one lookup per principal, type and kind, each an equality on the leading columns of an index: Camunda's
    // unique (type, user, resource type, resource id), and for groups on H2 (group, type, resource type) (ADR 0013).
    // H2 reads the whole table for an IN or an OR there
    List<String[]> principals = new ArrayList<>();
    principals.add(new String[] {"USER_ID_", asker.user()});
    principals.add(new String[] {"USER_ID_", "*"});
    asker.groups().forEach(group -> principals.add(new String[] {"GROUP_ID_", group}));
    Sql sql = new Sql("SELECT (SELECT COUNT(*) FROM ACT_RE_CASE_DEF)");
    for (String[] principal : principals) {
      for (int type = 0; type <= 2; type++) {
        String[] kinds = type == 2
            ? new String[] {"A.RESOURCE_TYPE_ = " + TASK, "A.RESOURCE_TYPE_ = " + PROCESS_DEFINITION}
            : new String[] {"A.RESOURCE_TYPE_ = " + TASK + " AND A.RESOURCE_ID_ = '*' AND MOD(A.PERMS_ / " + READ + ", 2) = 1",
                "A.RESOURCE_TYPE_ = " + PROCESS_DEFINITION + " AND MOD(A.PERMS_ / " + READ_TASK + ", 2) = 1"};
        for (String kind : kinds) {
          sql.text(" + (SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ = " + type + " AND A." + principal[0] + " = ")
              .values(List.of(principal[1])).text(" AND " + kind + ")");
        }
      }
    }
    return sql.run(db, rows -> {
      rows.next();
      return rows.getLong(1) == 0;
    });
  }

  private interface Rows<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** A statement and its values, written together so that each placeholder gets its value. */
  private static final class Sql {
    private static final Pattern NAMED = Pattern.compile(":(user|groups|now)\\b");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private final StringBuilder text;
    private final List<Object> values = new ArrayList<>();

    Sql(String start) {
      text = new StringBuilder(start);
    }

    Sql text(String more) {
      text.append(more);
      return this;
    }

    /** Another statement's text and values, as a part of this one. */
    Sql append(Sql other) {
      text.append(other.text);
      values.addAll(other.values);
      return this;
    }

    Sql values(List<String> list) {
      text.append(String.join(", ", Collections.nCopies(list.size(), "?")));
      values.addAll(list);
      return this;
    }

    /**
     * Values written into the statement when each is a plain name, as tenant ids are. H2 checks
     * {@code IN} against written values through a hash set, and against placeholders one by one:
     * Vienna's 193 tenants doubled its page's statement.
     */
    Sql constants(List<String> list) {
      if (!list.stream().allMatch(value -> PLAIN.matcher(value).matches())) {
        return values(list);
      }
      text.append(list.stream().map(value -> "'" + value + "'").collect(Collectors.joining(", ")));
      return this;
    }

    /** The user, or one of the groups: as Camunda's check names them ('*' is everyone). */
    Sql userOrGroups(Asker asker) {
      text.append("(A.USER_ID_ IN (?, '*') OR A.GROUP_ID_ IN (");
      values.add(asker.user());
      return values(asker.groups()).text("))");
    }

    /** A filter's condition, its :user, :groups and :now bound to the asker's. */
    Sql condition(String condition, Asker asker) {
      var named = NAMED.matcher(condition);
      int at = 0;
      while (named.find()) {
        text.append(condition, at, named.start());
        switch (named.group(1)) {
          case "user" -> text("?").values.add(asker.user());
          case "groups" -> values(asker.groups());
          default -> text("?").values.add(new Timestamp(ClockUtil.getCurrentTime().getTime()));
        }
        at = named.end();
      }
      text.append(condition.substring(at));
      return this;
    }

    <T> T run(Connection db, Rows<T> read) {
      try (PreparedStatement statement = db.prepareStatement(text.toString())) {
        for (int i = 0; i < values.size(); i++) {
          statement.setObject(i + 1, values.get(i));
        }
        try (ResultSet rows = statement.executeQuery()) {
          return read.read(rows);
        }
      } catch (SQLException e) {
        throw new ProcessEngineException("Could not read the shared filter's tasks", e);
      }
    }
  }
}
