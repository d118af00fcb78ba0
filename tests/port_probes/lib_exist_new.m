f = {'sortrows','sind','cosd','tand','secd','cscd','cotd','asind','acosd','atand','asecd','acscd','acotd','polyder','polyint','cond','rot90','toeplitz','vander','nextpow2','erf','erfc','erfinv','cummax','cummin','nnz','gammaln','textscan','fscanf','realmax','intmax'};
for k=1:numel(f) printf('%s %d\n', f{k}, exist(f{k})); end
