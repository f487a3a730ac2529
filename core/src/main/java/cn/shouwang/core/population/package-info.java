/**
 * A deterministic, plausible rural population for demos, tests and benchmarks. The shares it draws
 * from are documented in docs/demo-data.md; change both together.
 */
@NullMarked
package cn.shouwang.core.population;

import org.jspecify.annotations.NullMarked;
