export { parseFeedSpecs } from './config.ts';
export { type FeedItem, parseFeed } from './feeds.ts';
export { ALLOW_ALL, parseRobots, type RobotsRules } from './robots.ts';
export {
  createFileWatcherState,
  createMemoryWatcherState,
  emptyFeedState,
  type FeedState,
  type ItemError,
  type WatcherStateData,
  type WatcherStateStore,
} from './state.ts';
export {
  createWatcher,
  DEFAULT_WATCHER_OPTIONS,
  type FeedSpec,
  type FeedStatus,
  type Watcher,
  type WatcherDeps,
  type WatcherFetch,
  type WatcherOptions,
} from './watcher.ts';
