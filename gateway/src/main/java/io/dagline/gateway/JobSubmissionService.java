package io.dagline.gateway;

import io.dagline.core.model.JobSpec;
import io.dagline.core.wfformat.WfFormatReader;
import io.dagline.core.wfformat.WfJobConverter;
import io.dagline.core.wfformat.WfWorkflow;
import io.dagline.gateway.auth.PoolOwners;
import io.dagline.core.validation.JobValidator;
import io.dagline.core.validation.ValidationProblem;
import io.dagline.ingest.TaskDefinitions;
import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.JobSubmitted;
import io.dagline.schemas.TaskCounts;
import io.micronaut.http.HttpStatus;
import io.dagline.serde.InMemorySchemaCatalog;
import io.dagline.serde.SingleObjectSerde;
import io.dagline.topics.DaglineTopics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Accepts a job: parse, assign an id, validate, publish, remember. Nothing is published unless every
 * check has passed. Free of HTTP: the controller only hands over the body and renders the result.
 *
 * <p>Submission is idempotent. A job carries the SHA-256 digest of what was submitted; a POST under an
 * id that is already known returns that job when the digest matches and is refused with 409 otherwise.
 * Nothing is published again, except what a failed publish may have left out: the command of a job
 * still SUBMITTED, and the whole submission of a job whose publish failed ({@link
 * JobPublisher#submissionFailed}). So a client may repeat a POST answered 503 until it is answered 2xx.
 * An {@code Idempotency-Key} without an id names the job: its id is derived from the key, so a retried
 * POST finds the job the first one created, on any gateway instance, after any restart. Two identical
 * POSTs racing on one instance are serialised per id; across instances a race can publish the job
 * twice, which the scheduler absorbs (its ingest and job level ignore a job they already know).
 */
public final class JobSubmissionService {

  /** The outcome of a POST: the job's status, and whether this request created it. */
  public record Submission(JobStatusChanged status, boolean created) {}

  private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1," + MAX_IDEMPOTENCY_KEY_LENGTH + "}");

  /** The canonical bytes of a submission: its single-object encoding (deterministic for equal values). */
  private static final SingleObjectSerde<JobSubmitted> ENCODING =
      new SingleObjectSerde<>(JobSubmitted.class, new InMemorySchemaCatalog());

  private final JobRequestParser parser;
  private final JobValidator validator;
  private final SubmissionChecks checks;
  private final JobPublisher publisher;
  private final StatusViews views;
  private final Clock clock;
  private final PoolOwners poolOwners;
  private final ConcurrentHashMap<String, Object> submitting = new ConcurrentHashMap<>();

  public JobSubmissionService(JobRequestParser parser, JobValidator validator, SubmissionChecks checks,
      JobPublisher publisher, StatusViews views, Clock clock) {
    this(parser, validator, checks, publisher, views, clock, PoolOwners.parse(List.of()));
  }

  public JobSubmissionService(JobRequestParser parser, JobValidator validator, SubmissionChecks checks,
      JobPublisher publisher, StatusViews views, Clock clock, PoolOwners poolOwners) {
    this.poolOwners = poolOwners;
    this.parser = parser;
    this.validator = validator;
    this.checks = checks;
    this.publisher = publisher;
    this.views = views;
    this.clock = clock;
  }

  /** Returns the accepted job's status; throws {@link ApiException} when the job is refused or cannot be published. */
  public JobStatusChanged submit(byte[] body) {
    return submit(body, null).status();
  }

  /**
   * Submits the job in the body, or finds the one an earlier identical request created.
   *
   * @param idempotencyKey the request's {@code Idempotency-Key} header, or null
   */
  public Submission submit(byte[] body, String idempotencyKey) {
    return submit(body, idempotencyKey, null);
  }

  /**
   * Submits the job in the body for a tenant.
   *
   * @param tenant the caller's tenant, or null when authentication is off
   */
  public Submission submit(byte[] body, String idempotencyKey, String tenant) {
    checkIdempotencyKey(idempotencyKey);
    return accept(parser.read(body), idempotencyKey, tenant);
  }

  /**
   * Submits a WfCommons WfFormat instance as a job that replays it ({@link WfJobConverter}): every task
   * calls {@code replay} with its recorded runtime.
   *
   * @param pool the pool to run the job in, or null
   */
  public Submission submitWorkflow(byte[] body, String pool, String idempotencyKey, String tenant) {
    checkIdempotencyKey(idempotencyKey);
    if (body == null || body.length == 0) {
      throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_WFFORMAT, "the request has no body; "
          + "expected a WfFormat workflow instance");
    }
    WfWorkflow workflow;
    try {
      workflow = WfFormatReader.read(new ByteArrayInputStream(body));
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_WFFORMAT,
          "not a WfFormat workflow instance: " + (reason.length() > 300 ? reason.substring(0, 300) + "..." : reason));
    }
    JobSpec converted = WfJobConverter.toJob(workflow);
    JobSpec job = new JobSpec(null, converted.name(), pool == null || pool.isBlank() ? null : pool.trim(),
        converted.tasks());
    return accept(new JobRequest(job, null, null, null), idempotencyKey, tenant);
  }

  private static void checkIdempotencyKey(String idempotencyKey) {
    if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_HEADER,
          "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " printable ASCII characters without spaces");
    }
  }

  private Submission accept(JobRequest request, String idempotencyKey, String tenant) {
    JobSpec parsed = request.spec();
    boolean idFromKey = parsed.jobId() == null && idempotencyKey != null;
    String jobId = parsed.jobId() != null ? parsed.jobId()
        : idFromKey ? jobIdFor(idempotencyKey, tenant) : UUID.randomUUID().toString();
    JobSpec job = new JobSpec(jobId, parsed.name(), parsed.pool(), parsed.tasks());
    checkPools(job, tenant);
    List<ValidationProblem> problems = new ArrayList<>(validator.validate(job));
    problems.addAll(checks.check(request.withSpec(job)));
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_JOB, problems.get(0).message(), problems, null);
    }
    JobSubmitted submitted = toSubmitted(request.withSpec(job), 0);
    submitted.setTenant(tenant);
    String digest = digest(submitted);
    submitted.setDigest(digest);
    Object lock = submitting.computeIfAbsent(jobId, id -> new Object());
    try {
      synchronized (lock) {
        JobStatusChanged existing = views.job(jobId).orElse(null);
        if (existing != null) {
          if (!digest.equals(existing.getDigest())) {
            throw idFromKey
                ? new ApiException(HttpStatus.CONFLICT, ErrorCodes.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key " + idempotencyKey + " was used for job " + jobId + " with a different body")
                : new ApiException(HttpStatus.CONFLICT, ErrorCodes.JOB_ALREADY_EXISTS,
                    "job " + jobId + " already exists with a different body; submit under another id or omit the id");
          }
          if (existing.getState() == JobState.SUBMITTED) {
            // Its status is in the log, but its command may not be (that write failed or timed out): publish
            // the command again, so that a repeated request is answered 2xx only once the command is there.
            // The scheduler ignores a job it already knows.
            submitted.setSubmittedAt(existing.getSubmittedAt());
            publisher.command(jobId, JobCommand.newBuilder().setEvent(submitted).build());
            return new Submission(existing, false);
          }
          if (!JobPublisher.submissionFailed(existing)) {
            return new Submission(existing, false);
          }
          // Its publish failed: it is submitted afresh.
        }
        long now = clock.millis();
        submitted.setSubmittedAt(now);
        JobStatusChanged status = submittedStatus(job, now);
        status.setDigest(digest);
        status.setTenant(tenant);
        publisher.publish(status, JobCommand.newBuilder().setEvent(submitted).build());
        views.recordOwnWrite(status);
        return new Submission(status, true);
      }
    } finally {
      submitting.remove(jobId, lock);
    }
  }

  /** A tenant may only use the pools reserved to it and the shared ones: 403 for another tenant's pool. */
  private void checkPools(JobSpec job, String tenant) {
    List<String> pools = new ArrayList<>();
    pools.add(job.pool());
    job.tasks().forEach(task -> pools.add(task.pool()));
    for (String pool : pools) {
      if (!poolOwners.allows(tenant, pool)) {
        throw new ApiException(HttpStatus.FORBIDDEN, ErrorCodes.POOL_FORBIDDEN,
            "pool \"" + pool + "\" is reserved to another tenant");
      }
    }
  }

  /** The job id an idempotency key stands for: the same on every gateway instance. */
  static String jobIdFor(String idempotencyKey) {
    return jobIdFor(idempotencyKey, null);
  }

  /** Keys are the tenant's own: two tenants using the same key get two jobs. */
  static String jobIdFor(String idempotencyKey, String tenant) {
    String scoped = tenant == null ? idempotencyKey : tenant + '\u0000' + idempotencyKey;
    return "key-" + UUID.nameUUIDFromBytes(scoped.getBytes(StandardCharsets.UTF_8));
  }

  static JobSubmitted toSubmitted(JobRequest request, long now) {
    JobSubmitted submitted = TaskDefinitions.toJobSubmitted(request.spec(), now);
    submitted.setRetry(request.retry());
    submitted.setOnTaskFailure(request.onTaskFailure());
    submitted.setExecutorWaitLimitMs(request.executorWaitLimitMs());
    for (int i = 0; i < submitted.getTasks().size() && i < request.taskRetries().size(); i++) {
      submitted.getTasks().get(i).setRetry(request.taskRetries().get(i));
    }
    return submitted;
  }

  /** SHA-256 of the submission's Avro encoding without its time and digest: equal for equal bodies. */
  static String digest(JobSubmitted submitted) {
    JobSubmitted canonical = JobSubmitted.newBuilder(submitted).setSubmittedAt(0).setDigest(null).build();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(ENCODING.serialize(DaglineTopics.JOB_COMMANDS, canonical));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static JobStatusChanged submittedStatus(JobSpec job, long now) {
    return JobStatusChanged.newBuilder()
        .setJobId(job.jobId())
        .setName(job.name())
        .setPool(job.pool())
        .setState(JobState.SUBMITTED)
        .setTaskCount(job.tasks().size())
        .setPartitionCount(0)
        .setCounts(TaskCounts.newBuilder().build())
        .setSubmittedAt(now)
        .setUpdatedAt(now)
        .build();
  }
}
