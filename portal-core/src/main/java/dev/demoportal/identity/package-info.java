/** Users, roles and customer organisations; maps OIDC claims from any IdP to portal users. */
@NullMarked
package dev.demoportal.identity;

import org.jspecify.annotations.NullMarked;
