cfg.alpha = 0.01; cfg.opts.tags = {'a', 'b'};
keys = fieldnames(cfg);
for k = 1:numel(keys)
  printf('%s: %s\n', keys{k}, class(cfg.(keys{k})));
end
