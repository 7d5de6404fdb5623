package neuralglm.spark;

/** Gives back the engine's own exception when a Spark task failed with it. */
final class SparkErrors {

    private SparkErrors() {
    }

    /**
     * Spark reports a failed task as a (checked, undeclared) {@code SparkException} whose cause is the
     * task's exception; bad data should surface as the engine's {@link IllegalArgumentException}.
     *
     * @param e an exception from a Spark action
     * @return a new IllegalArgumentException with the message of the first one in the cause chain
     *         (bad data, named by the task); else {@code e} itself when unchecked, else {@code e} wrapped
     */
    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae) {
                return t == e ? iae : new IllegalArgumentException(iae.getMessage(), e);
            }
        }
        return e instanceof RuntimeException re ? re : new IllegalStateException("The Spark job failed: " + e.getMessage(), e);
    }
}
