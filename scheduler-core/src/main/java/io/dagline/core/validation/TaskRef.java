package io.dagline.core.validation;

/** A task as problems refer to it: by id when it has one, else by its position in the job. */
record TaskRef(String id, int position) {

    String label() {
        return id == null ? "task at position " + position : "task " + Problems.quote(id);
    }
}
