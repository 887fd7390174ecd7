package io.sluice.api.job.history;

import java.util.List;
import java.util.UUID;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobId;
import io.sluice.api.job.JobIds;
import io.sluice.api.job.JobNotFoundException;
import io.sluice.api.job.JobRepository;
import io.sluice.api.job.history.FailedPhotoPages.FailedPhoto;
import io.sluice.api.job.history.FailedPhotoPages.Page;
import io.sluice.common.job.JobStatus;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.security.core.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The photos of one of the caller's jobs that could not be written, in photo order, a
 * page at a time: {@code GET /api/v1/jobs/{id}/failures?limit=&cursor=}. Two statements
 * per page: the job (another owner's is a 404) and the page.
 */
@RestController
@RequestMapping("/api/v1/jobs/{id}/failures")
@Tag(name = "job-failures")
class JobFailuresController {

	/** The listing's name inside its cursors. */
	static final String LISTING = "failures";

	private final JobRepository jobs;

	private final FailedPhotoPages failedPhotos;

	JobFailuresController(JobRepository jobs, FailedPhotoPages failedPhotos) {
		this.jobs = jobs;
		this.failedPhotos = failedPhotos;
	}

	@GetMapping
	@Operation(operationId = "listJobFailures", summary = "List the photos of a job that could not be written",
			description = "In photo order, a page at a time, each with the database's reason; `failed` counts them "
					+ "all, with those of chunks that never reached a worker, which `failureReason` explains.")
	FailureList list(@PathVariable @JobId String id,
			@PageQuery.Limit @RequestParam(name = "limit", required = false) String limit,
			@PageQuery.Cursor @RequestParam(name = "cursor", required = false) String cursor, Authentication caller) {
		UUID jobId = JobIds.parse(id);
		int pageSize = PageQuery.limit(limit);
		int afterIndex = (cursor != null) ? afterIndex(cursor) : -1;
		Job job = this.jobs.find(jobId, caller.getName()).orElseThrow(() -> new JobNotFoundException(id));
		Page page = this.failedPhotos.page(jobId, afterIndex, pageSize);
		String next = page.more()
				? PageQuery.cursor(LISTING, Integer.toString(page.photos().get(page.photos().size() - 1).index()))
				: null;
		return new FailureList(job.id(), job.status(), job.failed(), job.failureReason(), page.photos(), next);
	}

	private static int afterIndex(String cursor) {
		try {
			int index = Integer.parseInt(PageQuery.key(LISTING, cursor, 1).get(0));
			if (index >= 0) {
				return index;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw PageQuery.invalidCursor();
	}

	/**
	 * A page of a job's failed photos.
	 *
	 * @param jobId the job
	 * @param status its status
	 * @param failed how many of its photos count as failed in all; more than are listed
	 * when a chunk was dead-lettered or the job {@code FAILED} before all its chunks
	 * arrived
	 * @param failureReason why the job failed, covering its photos that never reached a
	 * worker and so are not listed; {@code null} unless the job is {@code FAILED}
	 * @param failures the photos the database rejected, by index
	 * @param next the cursor of the next page, {@code null} on the last page
	 */
	@Schema(description = "A page of a job's failed photos")
	record FailureList(@Schema(description = "The job", requiredMode = Schema.RequiredMode.REQUIRED) UUID jobId,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) JobStatus status,
			@Schema(description = "How many of the job's photos count as failed in all: more than are listed when a "
					+ "chunk was dead-lettered or the job FAILED before all its chunks arrived",
					requiredMode = Schema.RequiredMode.REQUIRED) int failed,
			@Schema(description = "Why the job failed, covering its photos that are not listed; null unless the job "
					+ "is FAILED") String failureReason,
			@Schema(description = "The photos the database rejected, by index",
					requiredMode = Schema.RequiredMode.REQUIRED) List<FailedPhoto> failures,
			@Schema(description = "The cursor of the next page; null on the last page") String next) {

	}

}
