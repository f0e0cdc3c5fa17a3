package dev.tripswitch.weaving;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter that receives the rule's index as a constant (bound with
 * {@code Advice.withCustomMapping()}), so woven code finds its rule with an array read.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface RuleId {
}
