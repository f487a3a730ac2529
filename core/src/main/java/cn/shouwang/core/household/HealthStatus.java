package cn.shouwang.core.household;

/** 健康状况: 健康 / 长期慢性病 / 大病 / 残疾. Personal information: never shown in public notices. */
public enum HealthStatus { HEALTHY, CHRONIC_ILLNESS, SERIOUS_ILLNESS, DISABLED }
