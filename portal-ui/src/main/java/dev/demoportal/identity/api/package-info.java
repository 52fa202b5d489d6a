/** REST API of the identity feature: who am I. */
@NullMarked
package dev.demoportal.identity.api;

import org.jspecify.annotations.NullMarked;
