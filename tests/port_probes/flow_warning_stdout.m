warning('my:id', 'shown on stderr %d', 1);
warning('off', 'my:id');
warning('my:id', 'silenced');
warning('off', 'all');
warning('anything');
warning('on', 'all');
disp('stdout only')
