/** The sandbox REST API: templates, requests, decisions, extension and teardown under {@code /api/v1}. */
@NullMarked
package dev.demoportal.sandbox.api;

import org.jspecify.annotations.NullMarked;
