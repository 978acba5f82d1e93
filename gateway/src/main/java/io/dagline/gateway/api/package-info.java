/**
 * The JSON bodies the gateway answers with. Absent values are written as {@code null} rather than
 * left out, so that every answer of one kind has the same fields.
 */
package io.dagline.gateway.api;
