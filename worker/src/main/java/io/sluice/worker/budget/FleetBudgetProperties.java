package io.sluice.worker.budget;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The database's side of the connection budget.
 *
 * @param connectionBudget connections the whole worker fleet may hold at once
 * ({@code SLUICE_DB_CONNECTION_BUDGET}); give every worker the same number
 */
@Validated
@ConfigurationProperties("sluice.db")
record FleetBudgetProperties(@DefaultValue("20") @Min(3) int connectionBudget) {

}
