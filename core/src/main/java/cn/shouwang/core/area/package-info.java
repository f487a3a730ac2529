/** Administrative divisions (统计用区划代码). */
@NullMarked
package cn.shouwang.core.area;

import org.jspecify.annotations.NullMarked;
