printf('%d', exist('plot'), exist('figure'), exist('hold'), exist('print'), exist('pause'), exist('drawnow'));
printf('%d', exist('load'), exist('save'), exist('csvread'), exist('dlmread'), exist('fopen'), exist('textscan'));
printf('%d', exist('input'), exist('who'), exist('whos'), exist('class'), exist('isa'), exist('isfile'));
printf('%d', exist('help'), exist('doc'), exist('hist'), exist('imshow'), exist('colormap'), exist('jet'));
printf('\n');
