CREATE TABLE `optimization_results` (
	`optimization_id` text NOT NULL,
	`window_index` integer NOT NULL,
	`seq` integer NOT NULL,
	`key` text NOT NULL,
	`params` text NOT NULL,
	`metrics` text NOT NULL,
	`objective` real,
	`feasible` integer NOT NULL,
	`violations` text,
	`error` text,
	PRIMARY KEY(`optimization_id`, `window_index`, `seq`),
	FOREIGN KEY (`optimization_id`) REFERENCES `optimizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `optimization_results_key` ON `optimization_results` (`optimization_id`,`window_index`,`key`);--> statement-breakpoint
CREATE INDEX `optimization_results_objective` ON `optimization_results` (`optimization_id`,`objective`);--> statement-breakpoint
CREATE TABLE `optimizations` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`instrument_id` integer NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text NOT NULL,
	`range_from` integer NOT NULL,
	`range_to` integer NOT NULL,
	`from_time` integer NOT NULL,
	`to_time` integer NOT NULL,
	`bars` integer NOT NULL,
	`data_fingerprint` text NOT NULL,
	`strategy_id` text NOT NULL,
	`strategy_version` text NOT NULL,
	`strategy_hash` text NOT NULL,
	`method` text NOT NULL,
	`objective` text NOT NULL,
	`direction` text NOT NULL,
	`setup` text NOT NULL,
	`estimate` text NOT NULL,
	`warnings` text NOT NULL,
	`state` text NOT NULL,
	`error` text,
	`evaluated` integer NOT NULL,
	`planned` integer NOT NULL,
	`best` text,
	`safeguards` text,
	`walk_forward` text
);
--> statement-breakpoint
CREATE INDEX `optimizations_created` ON `optimizations` (`created_at`);