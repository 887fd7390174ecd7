package io.sluice.api.job.submit;

import java.util.ArrayList;
import java.util.List;

import io.sluice.api.web.FieldProblem;
import io.sluice.api.web.Problems;

/**
 * The rule violations found in one request: the first {@link Problems#MAX_ERRORS} in
 * full, and how many there were in all, so that a request with 100,000 bad photos does
 * not build a 100,000-entry answer.
 */
final class Violations {

	private final List<FieldProblem> first = new ArrayList<>();

	private int count;

	void add(FieldProblem problem) {
		if (this.first.size() < Problems.MAX_ERRORS) {
			this.first.add(problem);
		}
		this.count++;
	}

	boolean isEmpty() {
		return this.count == 0;
	}

	/**
	 * The first violations found, in request order.
	 * @return at most {@link Problems#MAX_ERRORS} violations
	 */
	List<FieldProblem> first() {
		return List.copyOf(this.first);
	}

	/**
	 * How many violations were found in all.
	 * @return the total
	 */
	int count() {
		return this.count;
	}

}
