package cn.shouwang.spark;

import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.HeaderMap;
import java.io.Serializable;

/**
 * One input file as the driver found it: where it is (a Hadoop URI), how long, how it is encoded, and how its
 * header maps the columns.
 *
 * @param index   position in the job's file list (used to report a file whose splits must be redone)
 * @param bom     bytes of the UTF-8 byte-order mark at the start (0 or 3)
 * @param charset "UTF-8" or "GB18030"
 */
record InputFile(int index, FeedKind kind, String uri, long length, int bom, String charset, HeaderMap header)
        implements Serializable {
}
