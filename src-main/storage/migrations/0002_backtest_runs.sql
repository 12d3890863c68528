CREATE TABLE `backtest_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`instrument_id` integer NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text NOT NULL,
	`from_time` integer NOT NULL,
	`to_time` integer NOT NULL,
	`bars` integer NOT NULL,
	`data_fingerprint` text NOT NULL,
	`strategy_id` text NOT NULL,
	`strategy_version` text NOT NULL,
	`strategy_hash` text NOT NULL,
	`params` text NOT NULL,
	`settings` text NOT NULL,
	`engine_version` text NOT NULL,
	`rerun_of` text,
	`identical` integer,
	`result_hash` text NOT NULL,
	`final_equity` real NOT NULL,
	`metrics` text NOT NULL,
	`fills` text NOT NULL,
	`trades` text NOT NULL,
	`rejections` text NOT NULL,
	`curves` blob NOT NULL,
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `backtest_runs_created` ON `backtest_runs` (`created_at`);