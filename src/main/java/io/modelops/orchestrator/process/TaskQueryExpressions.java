package io.modelops.orchestrator.process;

import java.util.regex.Pattern;

/**
 * The only expressions a task query or a Tasklist filter may carry: Tasklist's filter functions.
 *
 * <ul>
 *   <li>{@code ${currentUser()}} and {@code ${currentUserGroups()}};
 *   <li>{@code ${now()}};
 *   <li>{@code ${dateTime()}}, optionally followed by {@code .plusDays(2)}, {@code .minusHours(1)}
 *       (Years, Months, Weeks, Days, Hours, Minutes or Seconds, with an integer literal) and {@code
 *       .withTimeAtStartOfDay()}, in any number and order.
 * </ul>
 *
 * Nothing else matches: no other identifier, no whitespace, no deferred {@code #{...}} syntax, no
 * string literals. Expressions in queries are evaluated by the engine, so anything beyond these
 * would run code chosen by whoever sent the query.
 */
final class TaskQueryExpressions {

  private static final String DATE_STEP =
      "\\.(?:(?:plus|minus)(?:Years|Months|Weeks|Days|Hours|Minutes|Seconds)\\(-?[0-9]{1,6}\\)"
          + "|withTimeAtStartOfDay\\(\\))";

  private static final Pattern ALLOWED =
      Pattern.compile(
          "\\$\\{(?:currentUser\\(\\)|currentUserGroups\\(\\)|now\\(\\)|dateTime\\(\\)(?:"
              + DATE_STEP
              + "){0,8})\\}");

  /** Whether the engine may evaluate {@code expression} for a task query. */
  public static boolean isAllowed(String expression) {
    return expression != null
        && expression.length() <= 200
        && ALLOWED.matcher(expression).matches();
  }

  /** What a refusal tells the caller about the allowed forms. */
  public static final String ALLOWED_FORMS =
      "${currentUser()}, ${currentUserGroups()}, ${now()} and ${dateTime()} with"
          + " .plusDays(n)/.minusHours(n)/... and .withTimeAtStartOfDay()";

  private TaskQueryExpressions() {}
}
