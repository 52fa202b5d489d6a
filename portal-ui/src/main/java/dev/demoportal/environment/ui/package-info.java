/** Views of the environment feature: the environments by region, and their administration. */
@NullMarked
package dev.demoportal.environment.ui;

import org.jspecify.annotations.NullMarked;
