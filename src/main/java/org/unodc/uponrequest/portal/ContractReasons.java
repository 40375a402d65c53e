package org.unodc.uponrequest.portal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The engine's input contract explains a refusal in English ("must be at most 200 characters"),
 * which the API passes on as is. On a page the reason is shown in the reader's language: each
 * reason the contract gives is recognised here and read from {@code contract.*} messages with the
 * same numbers; a reason not recognised is shown as the contract wrote it.
 */
@Component
class ContractReasons {

  /** The contract's reasons (process/FormField, FormContract, StateActions), in the order tried. */
  private static final Map<Pattern, String> REASONS = new LinkedHashMap<>();

  static {
    reason("is required", "contract.required");
    reason("must be ticked", "contract.ticked");
    reason("choose at least one", "contract.chooseOne");
    reason("add at least one", "contract.chooseOne");
    reason("lists an option more than once", "contract.repeated");
    reason("must be at least (\\d+) characters", "contract.minLength");
    reason("must be at most (\\d+) characters", "contract.maxLength");
    reason("is not in the expected format", "contract.pattern");
    reason("'.*' is not an e-mail address", "contract.email");
    reason("'.*' is not a number", "contract.number");
    reason("must be a whole number", "contract.wholeNumber");
    reason("has more than (\\d+) decimals", "contract.decimals");
    reason("must be at least (-?[\\d.]+)", "contract.min");
    reason("must be at most (-?[\\d.]+)", "contract.max");
    reason("is too large", "contract.tooLarge");
    reason("'.*' is not one of the options", "contract.option");
    reason("contains control characters", "contract.control");
    reason("contains broken Unicode.*", "contract.control");
    reason("must be a date", "contract.date");
    reason("'.*' is not a date.*", "contract.date");
    reason("is not a field of the form.*", "contract.unknownField");
    reason("is not a State you are a focal point of", "contract.notYourState");
  }

  private static void reason(String english, String key) {
    REASONS.put(Pattern.compile(english, Pattern.DOTALL), key);
  }

  private final MessageSource messages;

  ContractReasons(MessageSource messages) {
    this.messages = messages;
  }

  /** The reasons of a refusal in the reader's language, field by field. */
  Map<String, String> inLanguage(Map<String, String> reasons, Locale locale) {
    Map<String, String> translated = new LinkedHashMap<>();
    reasons.forEach((field, reason) -> translated.put(field, inLanguage(reason, locale)));
    return translated;
  }

  String inLanguage(String reason, Locale locale) {
    for (Map.Entry<Pattern, String> known : REASONS.entrySet()) {
      Matcher match = known.getKey().matcher(reason);
      if (match.matches()) {
        Object[] numbers = new Object[match.groupCount()];
        for (int group = 1; group <= match.groupCount(); group++) {
          numbers[group - 1] = match.group(group);
        }
        return messages.getMessage(known.getValue(), numbers, reason, locale);
      }
    }
    return reason;
  }
}
