// What a frontend writes against the TypeScript client generated from docs/openapi.yaml
// (typescript-fetch). Only type-checked, by check.sh: if the contract changes in a way that
// breaks such code (a renamed operation, a parameter that is no longer a number, a problem
// member that is gone, a new job status), this file stops compiling.
import {
  Configuration,
  JobFailuresApi,
  JobsApi,
  JobStatus,
  ResponseError,
  type FailedPhoto,
  type JobTerminalProblem,
  type JobView,
  type TooManyPendingPhotosProblem,
  JobTerminalProblemFromJSON,
  TooManyPendingPhotosProblemFromJSON,
} from '../../../target/generated-sources/typescript';

const configuration = new Configuration({
  basePath: 'http://localhost:8080',
  accessToken: async () => 'a bearer token',
});
const jobs = new JobsApi(configuration);

export async function importPhotos(albumId: number, urls: string[]): Promise<JobView> {
  const submitted: JobView = await jobs.submitJob({
    jobRequest: { albumId, photos: urls.map((url, index) => ({ url, caption: `Photo ${index}` })) },
    idempotencyKey: crypto.randomUUID(),
  });
  let view = submitted;
  while (view.finishedAt === undefined) {
    await new Promise((resolve) => setTimeout(resolve, 1000 * (view.etaSeconds ?? 1)));
    view = await jobs.getJob({ id: submitted.id });
  }
  return view;
}

export function describe(view: JobView): string {
  const { total, written, duplicate, failed, cancelled } = view.photos;
  switch (view.status) {
    case JobStatus.Pending:
    case JobStatus.Queued:
    case JobStatus.Running:
      return `${written + duplicate + failed} of ${total} photos`;
    case JobStatus.Completed:
      return `${written} photos imported, ${duplicate} already there`;
    case JobStatus.CompletedWithErrors:
      return `${written} photos imported, ${failed} could not be`;
    case JobStatus.Failed:
      return `failed: ${view.failureReason ?? 'unknown'}`;
    case JobStatus.Cancelled:
      return `cancelled, ${cancelled} photos never imported`;
    default: {
      // every status of the contract is handled above
      const unhandled: never = view.status;
      return unhandled;
    }
  }
}

export async function recentJobs(albumId: number): Promise<JobView[]> {
  const views: JobView[] = [];
  let cursor: string | undefined;
  do {
    const page = await jobs.listJobs({ status: [JobStatus.Running, JobStatus.Queued], albumId, limit: 100, cursor });
    views.push(...page.jobs);
    cursor = page.next ?? undefined;
  } while (cursor !== undefined);
  return views;
}

export async function failures(id: string): Promise<FailedPhoto[]> {
  const page = await new JobFailuresApi(configuration).listJobFailures({ id, limit: 100 });
  return page.failures;
}

export async function cancel(id: string): Promise<string> {
  try {
    const view = await jobs.cancelJob({ id });
    return `cancelled: ${view.photos.cancelled} photos never imported`;
  } catch (error) {
    if (error instanceof ResponseError && error.response.status === 409) {
      const problem: JobTerminalProblem = JobTerminalProblemFromJSON(await error.response.json());
      return `job ${problem.jobId} had already ended: ${problem.jobStatus}`;
    }
    throw error;
  }
}

export async function retryAfterBacklog(error: ResponseError): Promise<number> {
  const problem: TooManyPendingPhotosProblem = TooManyPendingPhotosProblemFromJSON(await error.response.json());
  return problem.maxPendingPhotos - problem.pendingPhotos;
}
