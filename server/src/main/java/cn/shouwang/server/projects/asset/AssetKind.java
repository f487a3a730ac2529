package cn.shouwang.server.projects.asset;

/** 资产类别: 经营性, 公益性, 到户类 (names in the bundle {@code projects.asset.kind.<code>}). */
public enum AssetKind { OPERATING, PUBLIC_WELFARE, HOUSEHOLD }
