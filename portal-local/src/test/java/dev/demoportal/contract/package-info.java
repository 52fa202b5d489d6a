/** The API's contract: the served OpenAPI document checked against the endpoints that exist. */
@NullMarked
package dev.demoportal.contract;

import org.jspecify.annotations.NullMarked;
