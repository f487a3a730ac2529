/** Text files as users send them: the one charset detection (UTF-8 with or without BOM, else GB18030). */
@NullMarked
package cn.shouwang.core.text;

import org.jspecify.annotations.NullMarked;
