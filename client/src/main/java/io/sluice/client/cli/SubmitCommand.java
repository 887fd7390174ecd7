package io.sluice.client.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.sluice.client.ApiResponse;
import io.sluice.client.model.JobStatus;
import io.sluice.client.model.JobView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice submit --album ID FILE}: reads a photo file, submits it as one job per
 * {@code --max-photos} photos or {@code --max-body-size} of request body, each with its
 * own Idempotency-Key derived from its content (see {@link JobParts}), prints each job's
 * id as it is accepted and, unless {@code --no-wait}, follows them to their end.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
		description = { "Submit a photo file (CSV, NDJSON or JSON) as import jobs, and wait for them to end.",
				"Prints each job's id. Running the same command again replays the jobs it made rather than "
						+ "duplicating them (for 24 hours by default)." })
final class SubmitCommand implements Callable<Integer> {

	/**
	 * The smallest {@code --max-body-size}: a photo at the API's limits (a
	 * 2,048-character URL and a 2,000-character caption, escaped) takes at most about 14
	 * KB.
	 */
	static final long MIN_BODY_BYTES = 64 * 1024;

	@ParentCommand
	SluiceCli cli;

	@Spec
	CommandSpec spec;

	@Option(names = "--album", required = true, paramLabel = "ID", description = "The album the photos go to.")
	long album;

	@Parameters(paramLabel = "FILE",
			description = "The photos: .csv (header url,caption), .ndjson/.jsonl or .json; - reads standard input (with --format).")
	String file;

	@Option(names = "--format", paramLabel = "FORMAT",
			description = "csv, ndjson or json (default: from the file's extension).")
	PhotoFormat format;

	@Option(names = "--max-photos", paramLabel = "N", defaultValue = "100000",
			description = "Most photos in one job; a larger file makes several (default: ${DEFAULT-VALUE}, the API's limit).")
	int maxPhotos;

	@Option(names = "--max-body-size", paramLabel = "SIZE", defaultValue = "32MB",
			description = "Largest request body of one job, as the API's sluice.api.jobs.max-body-size: a file whose "
					+ "body would be larger makes several jobs (default: ${DEFAULT-VALUE}; B, KB, MB or GB of 1024).")
	String maxBodySize;

	@Option(names = "--no-wait", description = "Return once every job is accepted (202), without following them.")
	boolean noWait;

	@Mixin
	FollowOptions follow;

	@Override
	public Integer call() {
		if (this.album < 1) {
			throw new UsageException("--album must be a positive album id");
		}
		if (this.maxPhotos < 1) {
			throw new UsageException("--max-photos must be at least 1");
		}
		long maxBodyBytes = DataSizes.parse("--max-body-size", this.maxBodySize);
		if (maxBodyBytes < MIN_BODY_BYTES) {
			throw new UsageException("--max-body-size must be at least 64KB, room for the largest photo the API takes");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		ClientSettings settings = this.cli.settings();
		Api api = this.cli.api(settings);
		PhotoFile photos = read();
		List<JobParts.Part> parts = JobParts.of(this.album, photos.photos(), this.maxPhotos, maxBodyBytes,
				api.mapper());
		if (parts.size() > 1) {
			err.println("sluice: " + photos.photos().size() + " photos in " + parts.size() + " jobs of at most "
					+ this.maxPhotos + " photos and " + this.maxBodySize + " each");
		}
		Retries retries = this.cli.retries(api, err);
		List<JobView> accepted = new ArrayList<>();
		for (JobParts.Part part : parts) {
			accepted.add(submit(api, retries, part, photos, accepted.size(), out, err));
		}
		if (this.noWait) {
			return ExitCodes.OK;
		}
		int code = ExitCodes.OK;
		for (JobView view : this.follow.follow(this.cli, api, err, accepted)) {
			err.println(Views.summary(view));
			if (view.getStatus() == JobStatus.COMPLETED_WITH_ERRORS) {
				err.println("  sluice failures " + view.getId() + " lists the photos that failed");
			}
			code = Math.max(code, ExitCodes.of(view.getStatus()));
		}
		return code;
	}

	private JobView submit(Api api, Retries retries, JobParts.Part part, PhotoFile photos, int acceptedSoFar,
			PrintWriter out, PrintWriter err) {
		ApiResponse<JobView> response;
		try {
			response = retries.call(part.label(),
					() -> api.jobs().submitJobWithHttpInfo(part.request(), part.idempotencyKey()));
		}
		catch (ApiFailure failure) {
			if (acceptedSoFar > 0) {
				err.println("sluice: " + acceptedSoFar + " of " + part.count() + " jobs were accepted (ids above);"
						+ " run the same command again once this is fixed: they are replayed, not duplicated");
			}
			throw failure.namingPhotos((index) -> photos.where(part.offset() + index));
		}
		JobView view = response.getData();
		out.println(view.getId());
		out.flush();
		if (response.getHeaders() != null && response.getHeaders()
			.entrySet()
			.stream()
			.anyMatch((header) -> header.getKey().equalsIgnoreCase("Idempotent-Replayed"))) {
			err.println("sluice: " + part.label() + ": job " + view.getId()
					+ " was submitted before with this content: replayed, not duplicated");
		}
		return view;
	}

	private PhotoFile read() {
		if ("-".equals(this.file)) {
			if (this.format == null) {
				throw new UsageException("Standard input needs --format csv, ndjson or json");
			}
			return PhotoFile.read("-", null, this.cli.environment().stdin(), this.format);
		}
		Path path = this.cli.environment().workingDirectory().resolve(this.file);
		PhotoFormat chosen = (this.format != null) ? this.format : PhotoFormat.of(path)
			.orElseThrow(() -> new UsageException(
					"Cannot tell the format of " + this.file + " from its name: pass --format csv, ndjson or json"));
		return PhotoFile.read(this.file, path, null, chosen);
	}

}
