export const CHANNEL_FORMATS = ["generic", "wecom", "dingtalk"] as const;
export type ChannelFormat = (typeof CHANNEL_FORMATS)[number];
