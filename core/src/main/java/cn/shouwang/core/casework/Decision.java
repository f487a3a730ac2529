package cn.shouwang.core.casework;

/** A township or county decision: approve (审核通过 / 确认) or reject (不予通过, with a reason). */
public enum Decision { APPROVE, REJECT }
