package io.dagline.schemas;

/** What the job states mean beyond their names (the enum itself is generated from JobState.avsc). */
public final class JobStates {

  private JobStates() {}

  /** Whether a job in this state has ended: it changes no more, and nothing of it runs. */
  public static boolean isFinal(JobState state) {
    return state == JobState.SUCCEEDED || state == JobState.FAILED
        || state == JobState.CANCELLED || state == JobState.REJECTED;
  }
}
